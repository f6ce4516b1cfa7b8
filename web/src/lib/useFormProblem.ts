import { useMemo, useState } from 'react';
import { mapProblemToFields, type ProblemView } from '../api/problems';
import type { Problem } from '../api/types';

const none: ProblemView = { fieldErrors: {}, otherErrors: [] };

/** A form's last problem, split between its fields (by JSON pointer) and the summary. */
export function useFormProblem(fieldPointers: readonly string[]) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const view = useMemo(() => (problem ? mapProblemToFields(problem, fieldPointers) : none), [problem, fieldPointers]);
  return { problem, view, setProblem };
}
