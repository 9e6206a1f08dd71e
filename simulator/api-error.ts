/** One entry of Notify's v2 error envelope. */
export interface ErrorEntry {
  error: string;
  message: string;
}

/** Thrown anywhere in request handling; the router answers it with Notify's envelope. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: ErrorEntry[],
  ) {
    super(errors.map((entry) => entry.message).join('; '));
  }

  static single(statusCode: number, error: string, message: string): ApiError {
    return new ApiError(statusCode, [{ error, message }]);
  }

  envelope(): { status_code: number; errors: ErrorEntry[] } {
    return { status_code: this.statusCode, errors: this.errors };
  }
}

export const badRequest = (message: string, statusCode = 400): ApiError =>
  ApiError.single(statusCode, 'BadRequestError', message);

export const validationError = (message: string): ApiError => ApiError.single(400, 'ValidationError', message);

export const noResultFound = (): ApiError => ApiError.single(404, 'NoResultFound', 'No result found');

export const authError = (statusCode: 401 | 403, message: string): ApiError =>
  ApiError.single(statusCode, 'AuthError', message);

/** Routing-level failures use Notify's legacy (non-v2) body. */
export class LegacyRoutingError extends Error {
  constructor(
    readonly statusCode: 404 | 405,
    readonly legacyMessage: string,
  ) {
    super(legacyMessage);
  }
}

export const routeNotFound = (): LegacyRoutingError =>
  new LegacyRoutingError(
    404,
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  );

export const methodNotAllowed = (): LegacyRoutingError =>
  new LegacyRoutingError(405, 'The method is not allowed for the requested URL.');
