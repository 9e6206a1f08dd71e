// npm run bench providers: sending without Notify. Each measurement adds its figures to the JSON line printed last.
// (The post room's letters add theirs, `letter_ms`, to `measurements` on the letters' branch.)
import { peakMemoryMb } from './measure';
import { providerSends } from './provider-sends';

type Figures = Record<string, number>;

const measurements: (() => Promise<Figures>)[] = [providerSends];

const figures: Figures = {};
for (const measurement of measurements) Object.assign(figures, await measurement());
figures.peak_mb = Number(peakMemoryMb().toFixed(0));
console.log(`peak memory (max RSS of the bench process; the stand-ins run in a process of their own): ${figures.peak_mb} MB`);
console.log(JSON.stringify(figures));
