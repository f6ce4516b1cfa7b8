import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '../api/client';
import type { Problem } from '../api/types';

export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem; httpStatus?: number }
  | { status: 'ready'; data: T; response: Response };

/** Runs an API call when its dependencies change; `reload` runs it again (keeping the old data shown meanwhile). */
export function useLoad<T>(load: () => Promise<ApiResult<T>>, deps: readonly unknown[]) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  // The caller names what the call depends on, as with useEffect.
  const run = useCallback(load, deps);

  useEffect(() => {
    let current = true;
    void run().then((result) => {
      if (current) {
        setState(
          result.ok
            ? { status: 'ready', data: result.data, response: result.response }
            : { status: 'error', problem: result.problem, httpStatus: result.response?.status },
        );
      }
    });
    return () => {
      current = false;
    };
  }, [run, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}
