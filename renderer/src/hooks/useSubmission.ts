import { useState } from 'react';
import { CallError, errorMessage } from '../api/client';
import type { FieldError } from '../components/ErrorSummary';

/**
 * A form's submission: the problems found before calling (shown in its error summary), then the call, whose refusal
 * goes to the field its code names or, failing that, to a banner.
 */
export function useSubmission(fieldForCode: Readonly<Record<string, string>>) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Whether the call was made and succeeded. */
  async function submit(found: FieldError[], action: () => Promise<void>): Promise<boolean> {
    setErrors(found);
    setProblem(null);
    if (found.length > 0) return false;
    setBusy(true);
    try {
      await action();
      return true;
    } catch (error) {
      const fieldId = error instanceof CallError && error.code ? fieldForCode[error.code] : undefined;
      if (fieldId) setErrors([{ fieldId, message: errorMessage(error) }]);
      else setProblem(errorMessage(error));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { errors, problem, busy, submit };
}
