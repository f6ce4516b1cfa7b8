import type { components } from './schema';

type Schemas = components['schemas'];

export type Trip = Schemas['Trip'];
export type TripStatus = NonNullable<Trip['status']>;
export type TripSummary = Schemas['TripSummary'];
export type CreateTripRequest = Schemas['CreateTripRequest'];
export type UpdateTripRequest = Schemas['UpdateTripRequest'];
export type Booking = Schemas['Booking'];
export type OfferFacts = Schemas['OfferFacts'];
export type TripEvent = Schemas['TripEvent'];
export type PriceObservation = Schemas['PriceObservation'];
export type Money = Schemas['Money'];
export type Traveler = Schemas['Traveler'];
export type TravelerInput = Schemas['TravelerInput'];
export type PaymentMethod = Schemas['PaymentMethod'];
export type PaymentAction = Schemas['PaymentAction'];
export type AttemptFacts = Schemas['AttemptFacts'];
export type OperatorAction = Schemas['OperatorAction'];
export type Problem = Schemas['Problem'];
export type FareConditions = Schemas['FareConditions'];
