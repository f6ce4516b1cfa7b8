import type { Trip, TripStatus } from '../api/types';

export type TripCommand = 'pause' | 'resume' | 'cancel';

/** The traveler's commands each status allows (the API's legal transitions). */
export const commandsFor = (status: TripStatus | undefined): TripCommand[] => {
  switch (status) {
    case 'draft':
      return ['cancel'];
    case 'watching':
      return ['pause', 'cancel'];
    case 'paused':
    case 'failed':
      return ['resume', 'cancel'];
    default:
      return [];
  }
};

/** Criteria can be changed while watching or paused. */
export const canEdit = (status: TripStatus | undefined): boolean => status === 'watching' || status === 'paused';

const stageText: Record<NonNullable<Trip['stage']>, string> = {
  draft: 'Not started yet.',
  searching: 'Searching for fares.',
  watching_prices: 'Watching prices.',
  paused: 'Paused: no fares are checked.',
  booking: 'Booking in progress.',
  approve_fare: 'A fare waits for your approval.',
  confirm_payment: 'Your bank asks you to confirm the payment.',
  booked: 'Booked.',
  needs_you: 'Needs your attention.',
  closed: 'Closed.',
};

export const describeStage = (stage: Trip['stage']): string => (stage ? stageText[stage] : '');
