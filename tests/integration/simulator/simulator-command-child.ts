// Runs `runSimulatorCommand` as the CLI would, for simulator-command.test.ts to spawn.
import { runSimulatorCommand } from '../../../simulator/main';

await runSimulatorCommand(process.argv.slice(2));
