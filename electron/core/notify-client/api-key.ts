/** The two parts of a Notify API key the client needs: `{key_name}-{service_id}-{secret}`, split by position from the end. */
export interface ApiKeyParts {
  serviceId: string;
  secret: string;
}

const SECRET_LENGTH = 36;
const SERVICE_ID_LENGTH = 36;
const MIN_KEY_LENGTH = SECRET_LENGTH + 1 + SERVICE_ID_LENGTH;

export class InvalidApiKeyError extends Error {
  constructor() {
    super(
      'The API key is not complete. Copy the whole key from Notify (API integration > API keys): it is the key name, the service id and the secret joined by dashes.',
    );
    this.name = 'InvalidApiKeyError';
  }
}

export function parseApiKey(apiKey: string): ApiKeyParts {
  const key = apiKey.trim();
  if (key.length < MIN_KEY_LENGTH) throw new InvalidApiKeyError();
  return {
    secret: key.slice(-SECRET_LENGTH),
    serviceId: key.slice(-MIN_KEY_LENGTH, -(SECRET_LENGTH + 1)),
  };
}
