// npm run bench providers: sending without Notify. Each measurement adds its figures to the JSON line printed last:
// the SMS gateway and the SMTP relay (`smpp_per_s`, `smtp_per_s`), the post room's letters (`letter_ms`), `peak_mb`.
import { letterMeasurements } from './letter-batch';
import { peakMemoryMb } from './measure';
import { providerSends } from './provider-sends';

type Figures = Record<string, number>;

const measurements: (() => Promise<Figures>)[] = [providerSends, ...letterMeasurements];

const figures: Figures = {};
for (const measurement of measurements) Object.assign(figures, await measurement());
figures.peak_mb = Number(peakMemoryMb().toFixed(0));
console.log(
  `peak memory (max RSS of the bench process; the stand-ins and Chromium run in processes of their own): ${figures.peak_mb} MB`,
);
console.log(JSON.stringify(figures));
