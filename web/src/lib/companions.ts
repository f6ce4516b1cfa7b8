import type { CreateTripRequest } from '../api/types';

export type Companion = NonNullable<CreateTripRequest['companions']>[number];
export type Title = Companion['title'];
export type Gender = Companion['gender'];

export const titles: readonly Title[] = ['mr', 'ms', 'mrs', 'miss', 'dr'];
export const genders: readonly { value: Gender; label: string }[] = [
  { value: 'f', label: 'Female' },
  { value: 'm', label: 'Male' },
];

export const emptyCompanion: Companion = {
  title: 'ms',
  givenName: '',
  familyName: '',
  bornOn: '',
  gender: 'f',
  email: '',
  phone: '',
};

export const companionFields = ['title', 'givenName', 'familyName', 'bornOn', 'gender', 'email', 'phone'] as const;
