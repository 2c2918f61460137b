import { readFileSync, readdirSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PIDs of every live descendant of `root` (from /proc), to check after a stop that nothing survived. */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the command name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const p = queue.shift() as number;
    for (const [child, par] of parent) if (par === p) { out.push(child); queue.push(child); }
  }
  return out;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, SIGKILL after 3 s; resolves when no member is left. */
export async function stopGroup(pgid: number): Promise<void> {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 30 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (let i = 0; i < 20 && groupAlive(pgid); i++) await sleep(100);
}

const groups = new Set<number>();
let hooked = false;

/** Kills registered groups however this process ends: normal exit, Ctrl-C, SIGTERM or an uncaught error. */
export function killOnExit(pgid: number): () => void {
  groups.add(pgid);
  if (!hooked) {
    hooked = true;
    const killAll = () => {
      for (const g of groups) {
        try {
          process.kill(-g, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    };
    process.on('exit', killAll);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(sig, () => {
        // Let code-server shut down cleanly first; SIGKILL whatever is left after 3 s.
        void Promise.all([...groups].map((g) => stopGroup(g))).finally(() => {
          killAll();
          process.exit(130);
        });
      });
    }
    process.on('uncaughtException', (e) => {
      console.error(e);
      killAll();
      process.exit(1);
    });
  }
  return () => groups.delete(pgid);
}
