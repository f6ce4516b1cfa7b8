import { cabins, type Cabin, type CriteriaDraft } from '../lib/criteria';
import { humanize } from '../lib/format';
import { CheckboxField, FieldGroup, SelectField, TextField, type FieldErrors } from './fields';

interface Props {
  draft: CriteriaDraft;
  errors: FieldErrors;
  onChange: (change: Partial<CriteriaDraft>) => void;
}

/** The trip criteria the create and edit forms share: route, dates, stay, cabin, stops, bags, airlines, fare, price. */
export function CriteriaFields({ draft, errors, onChange }: Props) {
  const text = (key: keyof CriteriaDraft) => ({
    value: draft[key] as string,
    onChange: (value: string) => onChange({ [key]: value }),
  });

  return (
    <>
      <FieldGroup legend="Route" pointer="/route" errors={errors}>
        <TextField label="From (airport code)" pointer="/origin" errors={errors} autoComplete="off" maxLength={3} {...text('origin')} />
        <TextField label="To (airport code)" pointer="/destination" errors={errors} autoComplete="off" maxLength={3} {...text('destination')} />
        <TextField
          label="Other airports to fly from"
          hint="Up to 3 airport codes, separated by commas."
          pointer="/additionalOrigins"
          errors={errors}
          {...text('additionalOrigins')}
        />
        <TextField
          label="Other airports to fly to"
          hint="Up to 3 airport codes, separated by commas."
          pointer="/additionalDestinations"
          errors={errors}
          {...text('additionalDestinations')}
        />
      </FieldGroup>

      <FieldGroup legend="Dates" pointer="/returnStay" errors={errors}>
        <TextField type="date" label="Departure date" pointer="/departureDate" errors={errors} {...text('departureDate')} />
        <TextField
          type="date"
          label="Latest departure date"
          hint="Optional: any day up to 14 days after the departure date."
          pointer="/latestDepartureDate"
          errors={errors}
          {...text('latestDepartureDate')}
        />
        <CheckboxField label="Return trip" pointer="/returnTrip" errors={errors} checked={draft.returnTrip} onChange={(returnTrip) => onChange({ returnTrip })} />
        {draft.returnTrip && (
          <>
            <TextField type="number" min={1} max={60} label="Minimum nights away" pointer="/returnStay/minNights" errors={errors} {...text('minNights')} />
            <TextField type="number" min={1} max={60} label="Maximum nights away" pointer="/returnStay/maxNights" errors={errors} {...text('maxNights')} />
          </>
        )}
      </FieldGroup>

      <FieldGroup legend="Flights" pointer="/flights" errors={errors}>
        <SelectField
          label="Cabin"
          pointer="/cabin"
          errors={errors}
          value={draft.cabin}
          onChange={(cabin) => onChange({ cabin: cabin as Cabin })}
          options={cabins.map((cabin) => ({ value: cabin, label: humanize(cabin) }))}
        />
        <TextField type="number" min={0} max={3} label="Maximum connections" pointer="/maxConnections" errors={errors} {...text('maxConnections')} />
        <TextField
          type="number"
          min={60}
          max={4320}
          label="Maximum journey time (minutes)"
          hint="Optional."
          pointer="/maxDurationMinutes"
          errors={errors}
          {...text('maxDurationMinutes')}
        />
        <TextField type="number" min={0} max={3} label="Checked bags per traveler" pointer="/checkedBags" errors={errors} {...text('checkedBags')} />
        <TextField label="Only these airlines" hint="Optional: airline codes, separated by commas." pointer="/includedAirlines" errors={errors} {...text('includedAirlines')} />
        <TextField label="Never these airlines" hint="Optional: airline codes, separated by commas." pointer="/excludedAirlines" errors={errors} {...text('excludedAirlines')} />
        <TextField
          label="Preferred airlines"
          hint="Optional: such a fare may cost up to 5% more and still be chosen."
          pointer="/preferredAirlines"
          errors={errors}
          {...text('preferredAirlines')}
        />
      </FieldGroup>

      <FieldGroup legend="Fare conditions" pointer="/fareConditions" errors={errors}>
        <CheckboxField
          label="Must be refundable"
          pointer="/fareConditions/refundable"
          errors={errors}
          checked={draft.refundable}
          onChange={(refundable) => onChange({ refundable })}
        />
        {draft.refundable && (
          <TextField
            type="number"
            min={0}
            label="Maximum refund penalty"
            hint="Optional, in the trip's currency."
            pointer="/fareConditions/refundable/maxPenalty"
            errors={errors}
            {...text('maxRefundPenalty')}
          />
        )}
        <CheckboxField
          label="Must be changeable"
          pointer="/fareConditions/changeable"
          errors={errors}
          checked={draft.changeable}
          onChange={(changeable) => onChange({ changeable })}
        />
        {draft.changeable && (
          <TextField
            type="number"
            min={0}
            label="Maximum change penalty"
            hint="Optional, in the trip's currency."
            pointer="/fareConditions/changeable/maxPenalty"
            errors={errors}
            {...text('maxChangePenalty')}
          />
        )}
      </FieldGroup>

      <FieldGroup legend="Price limit" hint="The total for every traveler, both ways." pointer="/maxPrice" errors={errors}>
        <TextField type="number" min={0} step="0.01" label="Maximum price" pointer="/maxPrice/amount" errors={errors} {...text('maxPriceAmount')} />
        <TextField label="Currency" hint="Three letters, e.g. GBP." maxLength={3} pointer="/maxPrice/currency" errors={errors} {...text('maxPriceCurrency')} />
      </FieldGroup>
    </>
  );
}
