import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError, validationError } from './api-error';
import { isPlainObject } from './json-body';
import { pythonRepr } from './python-repr';

const FILE_OBJECT_KEYS = ['file', 'filename', 'confirm_email_before_download', 'retention_period', 'is_csv'];
const RETENTION_PERIOD = /^(\d+) weeks?$/;

const isFileObject = (value: unknown): value is Record<string, unknown> => isPlainObject(value) && 'file' in value;

/** The checks Notify makes on one `{"file": ...}` personalisation value before it is uploaded. */
function checkFileObject(file: Record<string, unknown>): void {
  const unexpected = Object.keys(file).filter((key) => !FILE_OBJECT_KEYS.includes(key));
  if (unexpected.length > 0) {
    const verb = unexpected.length === 1 ? 'was' : 'were';
    throw validationError(`Additional properties are not allowed (${unexpected.join(', ')} ${verb} unexpected)`);
  }
  const { filename, is_csv: isCsv, confirm_email_before_download: confirm, retention_period: retention } = file;
  if (typeof filename === 'string' && !filename.includes('.')) {
    throw validationError('`filename` must end with a file extension. For example, filename.csv');
  }
  if (isCsv !== undefined && isCsv !== null && filename !== undefined && filename !== null) {
    throw validationError('Do not set a value for `is_csv` if `filename` is set.');
  }
  if (confirm !== undefined && confirm !== null && typeof confirm !== 'boolean') {
    throw validationError(
      `Unsupported value for confirm_email_before_download: ${pythonRepr(confirm).replaceAll("'", '')}. Use a boolean true or false value.`,
    );
  }
  if (retention !== undefined && retention !== null) {
    const weeks = typeof retention === 'string' ? RETENTION_PERIOD.exec(retention)?.[1] : undefined;
    if (weeks === undefined || Number(weeks) < 1 || Number(weeks) > 78) {
      throw validationError(
        `Unsupported value for retention_period: ${pythonRepr(retention).replaceAll("'", '')}. Supported periods are from 1 to 78 weeks.`,
      );
    }
  }
  if (typeof file['file'] !== 'string' || file['file'].length === 0) {
    throw ApiError.single(400, 'BadRequestError', 'File is not valid base64');
  }
}

/**
 * Step 10's file uploads: every file object is checked and replaced by the link Notify's document download
 * service would give (a fixed test-document link for smoke-test recipients).
 */
export function uploadDocuments(
  personalisation: Record<string, unknown>,
  serviceId: string,
  isSmokeTest: boolean,
): Record<string, unknown> {
  if (!Object.values(personalisation).some(isFileObject)) return personalisation;
  const uploaded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(personalisation)) {
    if (!isFileObject(value)) {
      uploaded[key] = value;
      continue;
    }
    checkFileObject(value);
    uploaded[key] = isSmokeTest
      ? `https://documents.service.gov.uk/services/${serviceId}/documents/test-document`
      : `https://documents.service.gov.uk/d/${serviceId}/${randomUUID()}?key=${randomBytes(24).toString('base64url')}`;
  }
  return uploaded;
}
