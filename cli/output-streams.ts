/**
 * When the program reading notify-desk's output goes away (`notify-desk outbox | head -1`), the pipe closes: that is
 * not a failure to report with a stack trace. The output stops and the command finishes; any other failure of the
 * terminal's streams sets a non-zero exit code, as there is nowhere left to write it.
 */
export function tolerateClosedOutput(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') process.exitCode = 1;
    });
  }
}
