// What the simulated service holds: the built-in data, with a seed file's data added to it or in its place.
import { BUILT_IN_SERVICE_DATA, PRECOMPILED_LETTER_TEMPLATE, type ServiceData } from './seed-data';
import type { SenderSeed, SimulatorSeed } from './seed-file';

/** Built-in items first, a seed item with the same id in place of the built-in one. */
function mergeById<T extends { id: string }>(builtIn: readonly T[], seeded: readonly T[]): T[] {
  const seededIds = new Set(seeded.map((item) => item.id));
  return [...builtIn.filter((item) => !seededIds.has(item.id)), ...seeded];
}

/** A seed's default sender takes the place of the built-in default. */
function mergeSenders(builtIn: readonly SenderSeed[], seeded: readonly SenderSeed[]): SenderSeed[] {
  const seedHasDefault = seeded.some((sender) => sender.isDefault);
  const kept = seedHasDefault ? builtIn.map((sender) => ({ ...sender, isDefault: false })) : builtIn;
  return mergeById(kept, seeded);
}

export function resolveServiceData(seed: SimulatorSeed | undefined): ServiceData {
  const builtIn = BUILT_IN_SERVICE_DATA;
  if (seed === undefined) return { ...builtIn, templates: [...builtIn.templates, PRECOMPILED_LETTER_TEMPLATE] };
  const extend = seed.mode === 'extend';
  const list = <T>(builtInItems: readonly T[], seeded: readonly T[] | undefined): T[] =>
    extend ? [...builtInItems, ...(seeded ?? [])] : [...(seeded ?? [])];
  const recipients = (builtInList: ServiceData['team'], seeded: SimulatorSeed['team']): ServiceData['team'] => ({
    emailAddresses: list(builtInList.emailAddresses, seeded?.emailAddresses),
    phoneNumbers: list(builtInList.phoneNumbers, seeded?.phoneNumbers),
  });
  const templates = extend ? mergeById(builtIn.templates, seed.templates ?? []) : [...(seed.templates ?? [])];
  const service = seed.service ?? {};
  return {
    name: service.name ?? builtIn.name,
    trialMode: service.trialMode ?? builtIn.trialMode,
    permissions: service.permissions ?? builtIn.permissions,
    rateLimitPerMinute: service.rateLimitPerMinute ?? builtIn.rateLimitPerMinute,
    dailyLimits: { ...builtIn.dailyLimits, ...service.dailyLimits },
    templates: templates.some((template) => template.id === PRECOMPILED_LETTER_TEMPLATE.id)
      ? templates
      : [...templates, PRECOMPILED_LETTER_TEMPLATE],
    team: recipients(builtIn.team, seed.team),
    guestList: recipients(builtIn.guestList, seed.guestList),
    smsSenders: extend ? mergeSenders(builtIn.smsSenders, seed.smsSenders ?? []) : [...(seed.smsSenders ?? [])],
    emailReplyTos: extend
      ? mergeSenders(builtIn.emailReplyTos, seed.emailReplyTos ?? [])
      : [...(seed.emailReplyTos ?? [])],
    receivedTexts: list(builtIn.receivedTexts, seed.receivedTexts),
  };
}
