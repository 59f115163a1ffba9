"""``python3 -m coordconv_gym serve --env ID --endpoint tcp://127.0.0.1:5555`` and ``keygen``."""

import argparse
import importlib
import json
import sys

from .server import Server


def make_factory(env, render_mode=None, kwargs=None):
    """A zero-argument env factory for an --env value.

    ``builtin:NAME`` (pure numpy, no gymnasium: ``builtin:corridor``), ``py:MODULE:ATTR`` (a
    callable returning an env), anything else is a gymnasium id (``ALE/MsPacman-v5``,
    ``CartPole-v1``).
    """
    kwargs = dict(kwargs or {})
    if render_mode is not None:
        kwargs["render_mode"] = render_mode
    if env.startswith("builtin:"):
        from .envs import make_builtin

        name = env[len("builtin:"):]
        make_builtin(name, **kwargs).close()  # fail now, with a clear message, not per client
        return lambda: make_builtin(name, **kwargs)
    if env.startswith("py:"):
        module_name, _, attr = env[len("py:"):].partition(":")
        if not attr:
            raise SystemExit(f"--env {env}: expected py:MODULE:CALLABLE")
        fn = getattr(importlib.import_module(module_name), attr)
        return lambda: fn(**kwargs)
    try:
        import gymnasium
    except ImportError:
        raise SystemExit(
            f"--env {env}: gymnasium is not installed (pip install gymnasium); "
            "built-in envs that need nothing: builtin:corridor"
        ) from None
    if env.startswith("ALE/"):
        try:
            import ale_py

            gymnasium.register_envs(ale_py)
        except ImportError:
            raise SystemExit(f"--env {env}: needs ale-py (pip install 'gymnasium[atari]')") from None
    gymnasium.make(env, **kwargs).close()
    return lambda: gymnasium.make(env, **kwargs)


def _serve(args):
    curve = None
    if args.curve_secret_key:
        curve = {"secret_key": args.curve_secret_key}
        if args.curve_allowed_clients:
            curve["allowed_clients"] = [k.strip() for k in args.curve_allowed_clients.split(",") if k.strip()]
    factory = make_factory(args.env, args.render_mode, json.loads(args.env_kwargs) if args.env_kwargs else None)
    server = Server(
        factory,
        args.endpoint,
        curve=curve,
        max_message_bytes=args.max_message_bytes,
        max_clients=args.max_clients,
        idle_timeout=args.idle_timeout,
        allow_remote=args.allow_remote,
        log=(lambda m: print(f"coordconv_gym: {m}", file=sys.stderr)) if args.verbose else None,
    )
    # One line on stdout with the bound endpoint (a port of * is resolved), for scripts and tests.
    print(f"coordconv_gym: serving {args.env} on {server.endpoint} (protocol 1)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _keygen(_args):
    import zmq

    public, secret = zmq.curve_keypair()
    print(json.dumps({"public_key": public.decode(), "secret_key": secret.decode()}))


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m coordconv_gym", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve a gymnasium env (or a built-in one) over ZeroMQ")
    s.add_argument("--env", required=True, help="gymnasium id, builtin:corridor or py:MODULE:CALLABLE")
    s.add_argument("--endpoint", default="tcp://127.0.0.1:5555", help="bind address (port * picks a free one)")
    s.add_argument("--render-mode", default=None, help="render_mode passed to the env (rgb_array, ansi)")
    s.add_argument("--env-kwargs", default=None, help="JSON object of keyword arguments for the env")
    s.add_argument("--allow-remote", action="store_true", help="allow binding a non-loopback address")
    s.add_argument("--curve-secret-key", default=None, help="server CURVE secret key (z85) to encrypt")
    s.add_argument("--curve-allowed-clients", default=None, help="comma-separated client public keys (z85)")
    s.add_argument("--max-message-bytes", type=int, default=64 * 1024 * 1024, help="request size cap")
    s.add_argument("--max-clients", type=int, default=64, help="concurrent sessions")
    s.add_argument("--idle-timeout", type=float, default=600.0, help="seconds before an idle session is closed")
    s.add_argument("--verbose", action="store_true", help="log sessions on stderr")
    s.set_defaults(func=_serve)
    k = sub.add_parser("keygen", help="print a new CURVE key pair as JSON")
    k.set_defaults(func=_keygen)
    args = p.parse_args(argv)
    try:
        args.func(args)
    except ValueError as err:
        raise SystemExit(f"python3 -m coordconv_gym: error: {err}") from None


if __name__ == "__main__":
    main()
