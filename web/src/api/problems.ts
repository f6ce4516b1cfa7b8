import type { Problem } from './types';

/** Any failed call as a problem (RFC 9457): the API's own, or one made up for a body that was not one. */
export function toProblem(error: unknown, response?: Response): Problem {
  if (isProblem(error)) {
    return error;
  }
  const status = response?.status;
  return {
    title: status ? `The request failed (HTTP ${status})` : 'The request failed',
    status,
    detail: typeof error === 'string' && error.length > 0 ? error : undefined,
  };
}

export function networkProblem(cause: unknown): Problem {
  return {
    title: 'The AutoBooking service could not be reached',
    detail: cause instanceof Error ? cause.message : 'Check your connection and try again.',
  };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('title' in value || 'detail' in value || 'type' in value);
}

/** A validation problem split between the form's fields and what no field owns (shown in the summary). */
export interface ProblemView {
  fieldErrors: Record<string, string[]>;
  otherErrors: string[];
}

/** RFC 6901: "/a~1b/0" → ["a/b", "0"]; "" (the whole body) → []. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Gives each message of `problem.errors` (or the `pointer` of a malformed-json problem) to the form field whose
 * pointer is the longest prefix of the message's pointer: "/additionalOrigins/1" belongs to "/additionalOrigins".
 * Keys no field owns, the whole body ("") and query or header names (no leading "/") go to `otherErrors`.
 */
export function mapProblemToFields(problem: Problem, fieldPointers: readonly string[]): ProblemView {
  const view: ProblemView = { fieldErrors: {}, otherErrors: [] };
  const entries: [string, string[]][] = Object.entries(problem.errors ?? {});
  if (problem.pointer !== undefined && entries.length === 0) {
    entries.push([problem.pointer, [problem.detail ?? 'This value is not valid.']]);
  }
  const fields = fieldPointers.map((pointer) => ({ pointer, segments: pointerSegments(pointer) }));
  for (const [key, messages] of entries) {
    const owner = key.startsWith('/') ? ownerOf(pointerSegments(key), fields) : undefined;
    if (owner === undefined) {
      const label = key === '' ? '' : `${key.startsWith('/') ? key.slice(1) : key}: `;
      view.otherErrors.push(...messages.map((message) => `${label}${message}`));
    } else {
      (view.fieldErrors[owner] ??= []).push(...messages);
    }
  }
  return view;
}

function ownerOf(segments: string[], fields: { pointer: string; segments: string[] }[]): string | undefined {
  let best: { pointer: string; length: number } | undefined;
  for (const field of fields) {
    const isPrefix =
      field.segments.length > 0 &&
      field.segments.length <= segments.length &&
      field.segments.every((segment, index) => segment === segments[index]);
    if (isPrefix && (best === undefined || field.segments.length > best.length)) {
      best = { pointer: field.pointer, length: field.segments.length };
    }
  }
  return best?.pointer;
}
