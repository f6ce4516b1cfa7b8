import { describe, expect, it } from 'vitest';
import { actorLabel } from './format';

describe('actorLabel', () => {
  it('shows the stored traveller actor in the one spelling the app uses', () => {
    expect(actorLabel('traveller')).toBe('traveler');
  });

  it('shows other actors as they are, words apart', () => {
    expect(actorLabel('monitor')).toBe('monitor');
    expect(actorLabel('operator_console')).toBe('operator console');
  });
});
