import type { ReactNode } from 'react';
import type { LoadState } from '../lib/useLoad';
import { ProblemAlert } from './ProblemAlert';

/** Shows loading, the problem, or the loaded data. */
export function Loaded<T>({ state, children }: { state: LoadState<T>; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') {
    return <p role="status">Loading…</p>;
  }
  if (state.status === 'error') {
    return <ProblemAlert problem={state.problem} />;
  }
  return <>{children(state.data)}</>;
}
