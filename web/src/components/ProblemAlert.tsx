import type { Problem } from '../api/types';

/** An API problem as the user sees it: its title and detail, announced. */
export function ProblemAlert({ problem, children }: { problem: Problem; children?: React.ReactNode }) {
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{problem.title ?? 'Something went wrong'}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {children}
    </div>
  );
}
