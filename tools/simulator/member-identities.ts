import type { Platform } from '@rapport/contracts';
import type { SeededRandom } from './seeded-random';

// How a simulated person looks on a platform: ids in each platform's usual shape, a handle, a name.

const FIRST = ['ana', 'ben', 'chloe', 'dev', 'emma', 'felix', 'grace', 'hugo', 'iris', 'jonas', 'kai', 'lena', 'mia', 'noah', 'olga', 'pablo', 'quinn', 'rosa', 'sami', 'tara', 'umar', 'vera', 'wen', 'yusuf', 'zoe'];
const LAST = ['adams', 'berg', 'costa', 'diaz', 'eriksen', 'fischer', 'garcia', 'hansen', 'ito', 'jensen', 'kim', 'lopez', 'moreau', 'nowak', 'okafor', 'patel', 'rossi', 'silva', 'tanaka', 'weber'];

export interface PersonName {
  first: string;
  last: string;
}

export function personName(random: SeededRandom): PersonName {
  return { first: random.pick(FIRST), last: random.pick(LAST) };
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function displayName(name: PersonName): string {
  return `${capital(name.first)} ${capital(name.last)}`;
}

/** A raw address on a reserved domain; unique by the member's serial number. */
export function emailAddress(name: PersonName, serial: number): string {
  return `${name.first}.${name.last}.${serial}@example.com`;
}

// NOTE: the serial (unique within a brand's community) is part of every id, so two members can
// never share an identity by chance; the random digits only make the ids look like the platform's.
/** The member's id on `platform`, unique for `serial`. */
export function platformIdFor(random: SeededRandom, platform: Platform, serial: number): string {
  // Fixed widths, so that the random part and the serial can never run into each other.
  const digits = (n: number) => String(random.int(10 ** (n - 1), 10 ** n - 1));
  const base36 = () => random.nextUint32().toString(36).padStart(7, '0');
  const s = String(serial).padStart(7, '0');
  const shape: Partial<Record<Platform, () => string>> = {
    x: () => `${digits(11)}${s}`,
    discord: () => `${digits(11)}${s}`,
    instagram: () => `${digits(10)}${s}`,
    facebook: () => `${digits(9)}${s}`,
    youtube: () => `UC${base36()}${s}`,
    reddit: () => `t2_${base36()}${serial.toString(36).padStart(5, '0')}`,
    store: () => `cust_${s}`,
  };
  return shape[platform]?.() ?? `${platform}-${s}`;
}

export function handleFor(platform: Platform, name: PersonName, serial: number): string {
  const base = `${name.first}${name.last}${serial}`;
  return platform === 'x' || platform === 'instagram' || platform === 'tiktok' ? `@${base}` : base;
}
