// The operator commands: `pnpm ops --help` (docs/operations.md says when to use each).
import { Command, CommanderError } from 'commander';
import { registerDlqCommands } from './dlq-commands';
import { registerMaintenanceCommands } from './maintenance-commands';
import { registerStatusCommands } from './status-commands';

export function buildProgram(): Command {
  const program = new Command('ops')
    .description("Rapport's operator commands: dead letters, backfill, outbox and consumer-group status, topics, migrations.")
    .option('--brokers <list>', 'Kafka bootstrap brokers, comma-separated (default: KAFKA_BROKERS, else 127.0.0.1:9092)')
    .option('--database-url <url>', 'a Postgres URL that can read every service schema (default: OPS_DATABASE_URL)')
    .showHelpAfterError()
    .exitOverride();
  registerDlqCommands(program);
  registerStatusCommands(program);
  registerMaintenanceCommands(program);
  // Subcommands throw instead of exiting too, so main() decides the exit code.
  const override = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

async function main(): Promise<number> {
  try {
    await buildProgram().parseAsync(process.argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // help shown, or a usage error printed
    console.error(`ops: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ops: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
