/** An error whose message is written for the person at the desk. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
