// How fast Notify's rules validate recipients and render texts, against libphonenumber-js parsing alone.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { smsMessage, validateEmailAddress, validatePhoneNumber, validatePostalAddress } from '../shared/notify';
import { compileSmsTemplate } from '../shared/notify/sms';
import { formatRate, measure, peakMemoryMb } from './measure';

const count = 100_000;
const mobiles = Array.from({ length: count }, (_, index) => `07911 ${String(index).padStart(6, '0')}`);
// Ofcom's drama range, used in tests and in the import benchmark: 07700 900000 to 900999.
const dramaNumbers = Array.from({ length: count }, (_, index) => `07700 900${String(index % 1000).padStart(3, '0')}`);
const emails = Array.from({ length: count }, (_, index) => `person.${index}@example${index % 50}.gov.uk`);
const addresses = Array.from({ length: 20_000 }, (_, index) => `${index} High Street\nTownsville\nSW1A ${index % 9}AA`);
const longBody = `${'Your appointment is on ((date)) at ((place)). '.repeat(18)}`.slice(0, 900);

const baseline = measure(count, () => {
  for (const number of mobiles) parsePhoneNumberWithError(number, 'GB').isValid();
});
const phones = measure(count, () => {
  for (const number of mobiles) validatePhoneNumber(number);
});
const drama = measure(count, () => {
  for (const number of dramaNumbers) validatePhoneNumber(number);
});
const emailRate = measure(count, () => {
  for (const email of emails) validateEmailAddress(email);
});
const addressRate = measure(addresses.length, () => {
  for (const address of addresses) validatePostalAddress(address);
});
const values = { date: '3 March', place: 'the town hall' };
const smsOnce = measure(10_000, () => {
  for (let index = 0; index < 10_000; index += 1) smsMessage(longBody, { values });
});
const compiled = compileSmsTemplate(longBody, {});
const smsCompiled = measure(10_000, () => {
  for (let index = 0; index < 10_000; index += 1) compiled(values);
});

console.log(
  `libphonenumber-js parse+isValid (baseline): ${formatRate(baseline.perSecond)} (${count.toLocaleString('en-GB')} in ${baseline.seconds.toFixed(3)} s)`,
);
console.log(
  `validatePhoneNumber, UK mobiles:             ${formatRate(phones.perSecond)} (${count.toLocaleString('en-GB')} in ${phones.seconds.toFixed(3)} s; ${(phones.seconds / baseline.seconds).toFixed(2)}x the baseline's time)`,
);
console.log(
  `validatePhoneNumber, 07700 900xxx numbers:   ${formatRate(drama.perSecond)} (${count.toLocaleString('en-GB')} in ${drama.seconds.toFixed(3)} s; ${(drama.seconds / baseline.seconds).toFixed(2)}x the baseline's time)`,
);
console.log(
  `validateEmailAddress:                       ${formatRate(emailRate.perSecond)} (${emailRate.seconds.toFixed(3)} s)`,
);
console.log(`validatePostalAddress:                      ${formatRate(addressRate.perSecond)}`);
console.log(`smsMessage, 900 characters:                 ${((smsOnce.seconds / 10_000) * 1e6).toFixed(1)} µs each`);
console.log(`compiled SMS template, 900 characters:      ${((smsCompiled.seconds / 10_000) * 1e6).toFixed(1)} µs each`);
console.log(`peak memory: ${peakMemoryMb().toFixed(0)} MB`);
