import { AgcError } from '../errors.js';

/** A one-line refusal of user-data the admin gave us: the CLI prints it and exits non-zero. */
export function userDataError(message: string, subject?: string): AgcError {
  return new AgcError('AGC_ERR_USERDATA', message.split('\n')[0]!, { subject });
}
