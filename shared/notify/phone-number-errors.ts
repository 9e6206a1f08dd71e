// The phone number error codes of notifications_utils (InvalidPhoneError) and the two sets of texts Notify
// shows for them: the admin/CSV texts, and the legacy texts the v2 API puts in its error envelope.

export type PhoneNumberErrorCode =
  | 'invalid_number'
  | 'too_long'
  | 'too_short'
  | 'not_a_uk_mobile'
  | 'unknown_character'
  | 'unsupported_country_code'
  | 'unsupported_emergency_number';

export const PHONE_NUMBER_ERROR_MESSAGES: Readonly<Record<PhoneNumberErrorCode, string>> = {
  invalid_number: 'Number is not valid – double check the phone number you entered',
  too_long: 'Mobile number is too long',
  too_short: 'Mobile number is too short',
  not_a_uk_mobile: 'This does not look like a UK mobile number – double check the mobile number you entered',
  unknown_character: 'Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -',
  unsupported_country_code: 'Country code not found - double check the mobile number you entered',
  unsupported_emergency_number: 'Phone number cannot be an emergency number',
};

export const LEGACY_V2_API_PHONE_NUMBER_ERROR_MESSAGES: Readonly<Record<PhoneNumberErrorCode, string>> = {
  ...PHONE_NUMBER_ERROR_MESSAGES,
  too_long: 'Too many digits',
  too_short: 'Not enough digits',
  not_a_uk_mobile: 'Not a UK mobile number',
  unknown_character: 'Must not contain letters or symbols',
  unsupported_country_code: 'Not a valid country prefix',
};
