// INTERIM: crude stand-ins used only until shared/notify's rule modules land; notify-rules.ts will switch to
// them and this file will be deleted. Not Notify's rules.
export function interimPlaceholderNames(text: string): string[] {
  return [...text.matchAll(/\(\(([^()]+?)\)\)/g)].map((match) => (match[1] ?? '').split('??')[0]!.trim());
}

export const interimKey = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '');

export function interimFill(text: string, values: Record<string, unknown>): string {
  const byKey = new Map(Object.entries(values).map(([name, value]) => [interimKey(name), value]));
  return text.replace(/\(\(([^()]+?)\)\)/g, (whole, inner: string) => {
    const [name = '', conditional] = inner.split('??');
    const value = byKey.get(interimKey(name));
    if (conditional !== undefined) return value ? conditional : '';
    if (value === undefined || value === null) return whole;
    return Array.isArray(value) ? value.map((item) => `* ${String(item)}`).join('\n') : String(value);
  });
}

export function interimPhone(input: string): { valid: true; normalised: string; international: boolean } | { valid: false; message: string } {
  if (/[^\d\s()+-]/.test(input)) return { valid: false, message: 'Must not contain letters or symbols' };
  let digits = input.replace(/[^\d]/g, '');
  if (digits.startsWith('0')) digits = `44${digits.slice(1)}`;
  if (digits.length < 10) return { valid: false, message: 'Not enough digits' };
  if (digits.length > 15) return { valid: false, message: 'Too many digits' };
  return { valid: true, normalised: digits, international: !digits.startsWith('44') };
}

export function interimEmail(input: string): { valid: true; normalised: string } | { valid: false } {
  const trimmed = input.trim();
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,63}$/i.test(trimmed) ? { valid: true, normalised: trimmed.toLowerCase() } : { valid: false };
}
