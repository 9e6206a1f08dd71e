import type { CliCommand } from '../command';

export const simulatorCommand: CliCommand = {
  name: 'simulator',
  summary: 'Run a local Notify API simulator (prints its URL and API keys as JSON)',
  usage: 'simulator [--port N] [--fail-rate R] [--latency-ms N] [--rate-limit PER_MINUTE] [--deliver-after-ms N]',
  examples: ['simulator --port 5188 --deliver-after-ms 2000'],
  run: async (args) => {
    const { runSimulatorCommand } = await import('../../simulator/main');
    await runSimulatorCommand(args);
    return 0;
  },
};
