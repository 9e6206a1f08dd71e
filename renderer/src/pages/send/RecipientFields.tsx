import type { Channel } from '../../../../shared/contract';
import { errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/TextInput';
import { addressFieldId, emailFieldId, phoneFieldId, type RecipientDraft } from './recipient';

interface RecipientFieldsProps {
  type: Channel;
  recipient: RecipientDraft;
  onChange: (recipient: RecipientDraft) => void;
  errors: FieldError[];
}

export function RecipientFields({ type, recipient, onChange, errors }: RecipientFieldsProps) {
  if (type === 'sms') {
    return (
      <TextInput
        id={phoneFieldId}
        label="Phone number"
        type="tel"
        autoComplete="off"
        value={recipient.phoneNumber}
        onChange={(phoneNumber) => onChange({ ...recipient, phoneNumber })}
        error={errorFor(errors, phoneFieldId)}
        widthClass="govuk-input--width-20"
      />
    );
  }
  if (type === 'email') {
    return (
      <TextInput
        id={emailFieldId}
        label="Email address"
        type="email"
        value={recipient.emailAddress}
        onChange={(emailAddress) => onChange({ ...recipient, emailAddress })}
        error={errorFor(errors, emailFieldId)}
        widthClass="govuk-!-width-full"
      />
    );
  }
  return (
    <fieldset className="govuk-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Address</legend>
      <div className="govuk-hint">
        At least 3 lines. The last line must be a UK postcode or, for letters abroad, the country.
      </div>
      {recipient.addressLines.map((line, index) => (
        <TextInput
          key={index}
          id={addressFieldId(index + 1)}
          label={`Address line ${index + 1}`}
          value={line}
          onChange={(value) => onChange({ ...recipient, addressLines: recipient.addressLines.with(index, value) })}
          error={errorFor(errors, addressFieldId(index + 1))}
          widthClass="govuk-!-width-two-thirds"
        />
      ))}
    </fieldset>
  );
}
