import { useEffect, useState } from 'react';
import type { ImportProgress } from '../../../../shared/contract';
import { subscribe } from '../../api/client';

/** The latest progress event for one job (null before the first). */
export function useImportProgress(jobId: string | null): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!jobId) return undefined;
    return subscribe('import.progress', (event) => {
      if (event.jobId === jobId) setProgress(event);
    });
  }, [jobId]);
  return progress;
}

export const newJobId = (): string => crypto.randomUUID();
