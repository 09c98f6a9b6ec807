// Words a failed process start the way Docker/runc report it in an ECS container's CannotStartContainerError reason.

/** ECS keeps a container reason to 1024 characters. */
const MAX_REASON_CHARS = 1024;

const PREFIX =
  'CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process:';

const cap = (reason: string): string => (reason.length > MAX_REASON_CHARS ? reason.slice(0, MAX_REASON_CHARS) : reason);

export const missingCwdReason = (cwd: string): string =>
  cap(`${PREFIX} error during container init: chdir to cwd ("${cwd}") set in config.json failed: no such file or directory: unknown`);

/** `code` is the spawn error's errno name (ENOENT, EACCES, ...). */
export const execFailureReason = (command: string, code: string | undefined, message: string): string => {
  const quoted = JSON.stringify(command);
  const detail =
    code === 'ENOENT'
      ? command.includes('/')
        ? `stat ${command}: no such file or directory`
        : 'executable file not found in $PATH'
      : code === 'EACCES'
        ? 'permission denied'
        : message;
  return cap(`${PREFIX} exec: ${quoted}: ${detail}: unknown`);
};
