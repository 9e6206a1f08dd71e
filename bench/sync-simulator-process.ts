// The simulator in its own process for the sync benchmark, so the engine and the server don't share one core.
import { runSimulatorCommand } from '../simulator/main';

await runSimulatorCommand(process.argv.slice(2));
