/**
 * The five protocol methods (PROTOCOL.md 3) on one session's env: params validated, values
 * converted with the env's spaces, results shaped for the wire.
 */
import type { Env, EnvMetadata } from '../env.js';
import type { MaybePromise } from '../maybe-promise.js';
import { describeValue } from '../errors.js';
import { unwrapArrays } from './codec.js';
import { ProtocolError } from './errors.js';
import { PROTOCOL_VERSION, describe, type Request } from './messages.js';
import { frameToWire, valueFromWire, valueToWire } from './space-values.js';

export interface Session {
  clientId: string;
  /** The env, once the factory was called (a promise while an async factory runs). */
  env: Promise<Env<unknown, unknown>> | undefined;
  hasReset: boolean;
}

export interface MethodContext {
  makeEnv: (session: { clientId: string }) => MaybePromise<Env<unknown, unknown>>;
  envId: string | undefined;
  maxMessageBytes: number;
}

/** gymnasium's AutoresetMode values, as they appear in Python metadata. */
const AUTORESET_TO_WIRE = {
  'next-step': 'NextStep',
  'same-step': 'SameStep',
  disabled: 'Disabled',
} as const;

export function metadataToWire(m: EnvMetadata): Record<string, unknown> {
  return {
    render_modes: [...(m.renderModes ?? [])],
    render_fps: m.renderFps ?? null,
    autoreset_mode: m.autoresetMode ? AUTORESET_TO_WIRE[m.autoresetMode] : null,
  };
}

export function metadataFromWire(x: unknown): EnvMetadata {
  const m = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const out: EnvMetadata = {
    renderModes: Array.isArray(m.render_modes)
      ? m.render_modes.filter((r): r is string => typeof r === 'string')
      : [],
  };
  if (typeof m.render_fps === 'number') out.renderFps = m.render_fps;
  const entry = Object.entries(AUTORESET_TO_WIRE).find(([, v]) => v === m.autoreset_mode);
  if (entry) out.autoresetMode = entry[0] as EnvMetadata['autoresetMode'];
  return out;
}

function envOf(session: Session, ctx: MethodContext): Promise<Env<unknown, unknown>> {
  if (session.env === undefined) {
    session.env = Promise.resolve().then(() => ctx.makeEnv({ clientId: session.clientId }));
    // A failed factory is retried on the session's next request rather than poisoning it.
    session.env.catch(() => (session.env = undefined));
  }
  return session.env;
}

export async function runMethod(
  session: Session,
  req: Request,
  ctx: MethodContext,
): Promise<unknown> {
  const env = await envOf(session, ctx);
  const p = req.params;
  switch (req.method) {
    case 'spec':
      return {
        protocol: PROTOCOL_VERSION,
        observation_space: env.observationSpace.toJSON(),
        action_space: env.actionSpace.toJSON(),
        metadata: metadataToWire(env.metadata),
        render_mode: env.renderMode ?? null,
        max_message_bytes: ctx.maxMessageBytes,
        env_id: ctx.envId ?? env.constructor?.name ?? null,
      };
    case 'reset': {
      const seed = p.seed;
      if (
        seed !== undefined &&
        seed !== null &&
        !(Number.isSafeInteger(seed) && (seed as number) >= 0)
      ) {
        throw new ProtocolError(
          'BadRequest',
          `reset: seed must be a non-negative integer or null, got ${describe(seed)}`,
        );
      }
      const options = p.options;
      if (
        options !== undefined &&
        options !== null &&
        (typeof options !== 'object' || Array.isArray(options))
      ) {
        throw new ProtocolError(
          'BadRequest',
          `reset: options must be an object or null, got ${describe(options)}`,
        );
      }
      const args: { seed?: number; options?: Record<string, unknown> } = {};
      if (typeof seed === 'number') args.seed = seed;
      if (options) args.options = options as Record<string, unknown>;
      const [obs, info] = await env.reset(args);
      session.hasReset = true;
      return { obs: valueToWire(env.observationSpace, obs), info: info ?? {} };
    }
    case 'step': {
      if (!session.hasReset)
        throw new ProtocolError(
          'ResetNeeded',
          'step before reset: call reset first in this session',
        );
      if (!('action' in p))
        throw new ProtocolError('BadRequest', 'step: params must hold "action"');
      let action: unknown;
      try {
        action = valueFromWire(env.actionSpace, p.action, 'action');
      } catch (err) {
        throw new ProtocolError('InvalidAction', `step: ${(err as Error).message}`);
      }
      if (!env.actionSpace.contains(action)) {
        throw new ProtocolError(
          'InvalidAction',
          `step: action ${describeValue(unwrapArrays(p.action))} is not in ${env.actionSpace}`,
        );
      }
      const [obs, reward, terminated, truncated, info] = await env.step(action);
      return {
        obs: valueToWire(env.observationSpace, obs),
        reward: Number(reward),
        terminated: Boolean(terminated),
        truncated: Boolean(truncated),
        info: info ?? {},
      };
    }
    case 'render': {
      if (!session.hasReset)
        throw new ProtocolError(
          'ResetNeeded',
          'render before reset: call reset first in this session',
        );
      return { frame: frameToWire(await env.render()) };
    }
    case 'close':
      throw new Error('close is handled by the server loop');
  }
}
