import type { Trip, UpdateTripRequest } from '../api/types';

export const cabins = ['economy', 'premium_economy', 'business', 'first'] as const;
export type Cabin = (typeof cabins)[number];

/** The criteria a trip's create and edit forms share, as the form holds them (text as typed). */
export interface CriteriaDraft {
  origin: string;
  destination: string;
  additionalOrigins: string;
  additionalDestinations: string;
  departureDate: string;
  latestDepartureDate: string;
  returnTrip: boolean;
  minNights: string;
  maxNights: string;
  cabin: Cabin;
  maxConnections: string;
  maxDurationMinutes: string;
  checkedBags: string;
  includedAirlines: string;
  excludedAirlines: string;
  preferredAirlines: string;
  refundable: boolean;
  maxRefundPenalty: string;
  changeable: boolean;
  maxChangePenalty: string;
  maxPriceAmount: string;
  maxPriceCurrency: string;
}

export const emptyCriteria: CriteriaDraft = {
  origin: '',
  destination: '',
  additionalOrigins: '',
  additionalDestinations: '',
  departureDate: '',
  latestDepartureDate: '',
  returnTrip: false,
  minNights: '',
  maxNights: '',
  cabin: 'economy',
  maxConnections: '1',
  maxDurationMinutes: '',
  checkedBags: '0',
  includedAirlines: '',
  excludedAirlines: '',
  preferredAirlines: '',
  refundable: false,
  maxRefundPenalty: '',
  changeable: false,
  maxChangePenalty: '',
  maxPriceAmount: '',
  maxPriceCurrency: 'GBP',
};

/** The JSON pointers of the criteria fields (the API keys its validation messages by them). */
export const criteriaPointers = [
  '/origin',
  '/destination',
  '/additionalOrigins',
  '/additionalDestinations',
  '/departureDate',
  '/latestDepartureDate',
  '/returnStay',
  '/returnStay/minNights',
  '/returnStay/maxNights',
  '/cabin',
  '/maxConnections',
  '/maxDurationMinutes',
  '/checkedBags',
  '/includedAirlines',
  '/excludedAirlines',
  '/preferredAirlines',
  '/fareConditions',
  '/fareConditions/refundable',
  '/fareConditions/refundable/maxPenalty',
  '/fareConditions/changeable',
  '/fareConditions/changeable/maxPenalty',
  '/maxPrice',
  '/maxPrice/amount',
  '/maxPrice/currency',
] as const;

const codes = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code.length > 0);

const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
const optionalText = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/** The criteria as the API takes them; blank optional fields are left out (on edit: unchanged), blank stops and bags are the API's defaults. */
export function criteriaToRequest(
  draft: CriteriaDraft,
): UpdateTripRequest & Required<Pick<UpdateTripRequest, 'origin' | 'destination' | 'departureDate' | 'maxPrice' | 'cabin' | 'maxConnections' | 'checkedBags'>> {
  return {
    origin: draft.origin.trim().toUpperCase(),
    destination: draft.destination.trim().toUpperCase(),
    additionalOrigins: codes(draft.additionalOrigins),
    additionalDestinations: codes(draft.additionalDestinations),
    departureDate: draft.departureDate,
    latestDepartureDate: optionalText(draft.latestDepartureDate),
    returnStay: draft.returnTrip
      ? { minNights: Number(draft.minNights), maxNights: Number(draft.maxNights || draft.minNights) }
      : undefined,
    cabin: draft.cabin,
    maxConnections: optionalNumber(draft.maxConnections) ?? 1,
    maxDurationMinutes: optionalNumber(draft.maxDurationMinutes),
    checkedBags: optionalNumber(draft.checkedBags) ?? 0,
    includedAirlines: codes(draft.includedAirlines),
    excludedAirlines: codes(draft.excludedAirlines),
    preferredAirlines: codes(draft.preferredAirlines),
    fareConditions:
      draft.refundable || draft.changeable
        ? {
            refundable: draft.refundable ? { maxPenalty: optionalNumber(draft.maxRefundPenalty) ?? null } : null,
            changeable: draft.changeable ? { maxPenalty: optionalNumber(draft.maxChangePenalty) ?? null } : null,
          }
        : null,
    maxPrice: { amount: Number(draft.maxPriceAmount), currency: draft.maxPriceCurrency.trim().toUpperCase() },
  };
}

const numberText = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** A trip's criteria in the form (for editing). */
export function criteriaFromTrip(trip: Trip): CriteriaDraft {
  const refundable = trip.fareConditions?.refundable;
  const changeable = trip.fareConditions?.changeable;
  return {
    origin: trip.origin ?? '',
    destination: trip.destination ?? '',
    additionalOrigins: (trip.additionalOrigins ?? []).join(', '),
    additionalDestinations: (trip.additionalDestinations ?? []).join(', '),
    departureDate: trip.departureDate ?? '',
    latestDepartureDate: trip.latestDepartureDate && trip.latestDepartureDate !== trip.departureDate ? trip.latestDepartureDate : '',
    returnTrip: Boolean(trip.returnStay),
    minNights: numberText(trip.returnStay?.minNights),
    maxNights: numberText(trip.returnStay?.maxNights),
    cabin: (cabins as readonly string[]).includes(trip.cabin ?? '') ? (trip.cabin as Cabin) : 'economy',
    maxConnections: numberText(trip.maxConnections),
    maxDurationMinutes: numberText(trip.maxDurationMinutes),
    checkedBags: numberText(trip.checkedBags),
    includedAirlines: (trip.includedAirlines ?? []).join(', '),
    excludedAirlines: (trip.excludedAirlines ?? []).join(', '),
    preferredAirlines: (trip.preferredAirlines ?? []).join(', '),
    refundable: Boolean(refundable),
    maxRefundPenalty: numberText(refundable?.maxPenalty),
    changeable: Boolean(changeable),
    maxChangePenalty: numberText(changeable?.maxPenalty),
    maxPriceAmount: numberText(trip.maxPrice?.amount),
    maxPriceCurrency: trip.maxPrice?.currency ?? 'GBP',
  };
}
