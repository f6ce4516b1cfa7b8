import type { ProblemView } from '../api/problems';
import type { Problem } from '../api/types';

/** The form's problem: its title and detail, what no field owns, and a pointer to the fields marked below. */
export function ErrorSummary({ problem, view }: { problem: Problem; view: ProblemView }) {
  const fieldCount = Object.keys(view.fieldErrors).length;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{problem.title ?? 'Something went wrong'}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {view.otherErrors.length > 0 && (
        <ul>
          {view.otherErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {fieldCount > 0 && <p>{fieldCount === 1 ? 'Check the field marked below.' : `Check the ${fieldCount} fields marked below.`}</p>}
    </div>
  );
}
