/**
 * `npx nx run pacman:serve -- --endpoint tcp://127.0.0.1:5555 [--layout NAME] [--obs grid|rgb]`:
 * serves Pac-Man over the ZeroMQ env protocol (packages/gym/PROTOCOL.md), one game per client,
 * until Ctrl-C. Use it from Python with `coordconv_gym.RemoteEnv(endpoint)`, or from TypeScript
 * with `RemoteEnv.connect(endpoint)`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CliError, defineCli, onInterrupt, runCli } from '@coordconv/common';
import { serveEnv, type CurveServerOptions } from '@coordconv/gym';
import { PacmanEnv, type PacmanEnvOptions } from '../env.js';
import { LAYOUT_NAMES, resolveLayout } from '../layouts.js';

const cli = defineCli({
  name: 'nx run pacman:serve --',
  description:
    'Serves the Pac-Man env over ZeroMQ (packages/gym/PROTOCOL.md): every client gets its own ' +
    'game. Binds loopback unless --allow-remote. Prints the bound endpoint on stdout.',
  options: {
    endpoint: {
      type: 'string',
      default: 'tcp://127.0.0.1:5555',
      help: 'bind address; port * picks a free one',
    },
    layout: {
      type: 'string',
      default: 'mediumClassic',
      help: `${LAYOUT_NAMES.join(', ')}, or a .lay file`,
    },
    obs: {
      type: 'enum',
      choices: ['grid', 'rgb'],
      default: 'grid',
      help: 'observation: grid float32 [H, W, 6] or rgb uint8 pixels',
    },
    cellSize: {
      type: 'int',
      default: 8,
      min: 1,
      help: 'pixels per cell of rgb observations and frames',
    },
    ghosts: {
      type: 'enum',
      choices: ['random', 'directional'],
      default: 'random',
      help: 'ghost policy',
    },
    maxSteps: {
      type: 'int',
      default: 5000,
      min: 1,
      help: 'steps after which an episode is truncated',
    },
    renderMode: {
      type: 'enum',
      choices: ['rgb_array', 'ansi', 'none'],
      default: 'rgb_array',
      help: 'what render() returns',
    },
    allowRemote: { type: 'boolean', help: 'allow a non-loopback --endpoint (use CURVE keys then)' },
    curveSecretKey: { type: 'string', help: 'server CURVE secret key (Z85) to encrypt traffic' },
    curvePublicKey: { type: 'string', help: 'server CURVE public key (Z85), printed for clients' },
    curveAllowedClients: {
      type: 'string',
      help: 'comma-separated client public keys (Z85) allowed in',
    },
    maxClients: { type: 'int', default: 64, min: 1, help: 'concurrent client sessions' },
    idleTimeoutS: {
      type: 'float',
      default: 600,
      min: 1,
      help: 'seconds before an idle session is closed',
    },
    maxMessageBytes: {
      type: 'int',
      default: 64 * 1024 * 1024,
      min: 1024,
      help: 'request size cap',
    },
    verbose: { type: 'boolean', help: 'log sessions on stderr' },
  },
  epilog:
    'Example:\n  npx nx run pacman:serve -- --endpoint tcp://127.0.0.1:5555 --layout smallClassic --obs grid\n' +
    '  python3 -c "from coordconv_gym import RemoteEnv; env = RemoteEnv(\'tcp://127.0.0.1:5555\'); print(env.reset(seed=0)[0].shape)"',
});

await runCli(cli, async (opts) => {
  // A bundled name, or a file holding layout text (resolveLayout names the bundled ones on error).
  const layoutText = existsSync(opts.layout) ? readFileSync(opts.layout, 'utf8') : opts.layout;
  try {
    resolveLayout(layoutText);
  } catch (err) {
    throw new CliError(`--layout: ${(err as Error).message}`);
  }
  if (opts.curveAllowedClients && !opts.curveSecretKey) {
    throw new CliError('--curve-allowed-clients needs --curve-secret-key');
  }
  const envOptions: PacmanEnvOptions<'grid' | 'rgb'> = {
    layout: layoutText,
    obs: opts.obs,
    cellSize: opts.cellSize,
    ghosts: opts.ghosts,
    maxSteps: opts.maxSteps,
    renderMode: opts.renderMode === 'none' ? undefined : opts.renderMode,
  };
  new PacmanEnv(envOptions).close(); // fail now on bad options, not once per client
  let curve: CurveServerOptions | undefined;
  if (opts.curveSecretKey) {
    curve = { secretKey: opts.curveSecretKey, publicKey: opts.curvePublicKey };
    if (opts.curveAllowedClients) {
      curve.allowedClients = opts.curveAllowedClients
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
    }
  }
  const log = (m: string) => process.stderr.write(`pacman:serve: ${m}\n`);
  const layoutName = existsSync(opts.layout) ? opts.layout : opts.layout.split('\n')[0];
  const server = await serveEnv(() => new PacmanEnv(envOptions), {
    endpoint: opts.endpoint,
    allowRemote: opts.allowRemote,
    curve,
    maxClients: opts.maxClients,
    idleTimeoutMs: Math.round(opts.idleTimeoutS * 1000),
    maxMessageBytes: opts.maxMessageBytes,
    envId: `pacman:${layoutName}:${opts.obs}`,
    log: opts.verbose ? log : undefined,
  });
  process.stdout.write(
    `pacman:serve: serving pacman:${layoutName} (${opts.obs}) on ${server.endpoint} (protocol 1)\n`,
  );
  const stop = onInterrupt('closing the server');
  while (!stop.stopped) await new Promise((r) => setTimeout(r, 200));
  stop.dispose();
  await server.close();
});
