"""Python server <-> Python client over real ZeroMQ sockets on loopback (free ports)."""

import json
import os
import re
import subprocess
import sys
import time
import unittest

import numpy as np
import zmq

from coordconv_gym import BridgeTimeout, CorridorEnv, RemoteEnv, RemoteError, Server
from coordconv_gym.codec import decode_message, encode_message

FREE = "tcp://127.0.0.1:*"


def raw_request(endpoint, frames, sock_type=zmq.DEALER, timeout_ms=3000):
    ctx = zmq.Context.instance()
    s = ctx.socket(sock_type)
    s.setsockopt(zmq.LINGER, 0)
    s.connect(endpoint)
    try:
        s.send_multipart(frames)
        if not s.poll(timeout_ms):
            raise AssertionError("no reply")
        return decode_message(s.recv_multipart())
    finally:
        s.close()


class BridgeTest(unittest.TestCase):
    def setUp(self):
        self.server = Server(lambda: CorridorEnv(length=6, max_steps=20, render_mode="ansi"), FREE).start()
        self.endpoint = self.server.endpoint

    def tearDown(self):
        self.server.close()

    def test_episode_and_spec(self):
        env = RemoteEnv(self.endpoint, timeout=5)
        self.assertEqual(env.observation_space.shape, (6,))
        self.assertEqual(env.action_space.n, 2)
        self.assertEqual(env.metadata["render_modes"], ["ansi", "rgb_array"])
        self.assertEqual(env.render_mode, "ansi")
        obs, info = env.reset(seed=3, options={"start": 1})
        np.testing.assert_array_equal(obs, np.eye(6, dtype=np.float32)[1])
        self.assertEqual(obs.dtype, np.float32)
        self.assertEqual(info, {"position": 1})
        total, done = 0.0, False
        while not done:
            obs, r, term, trunc, info = env.step(1)
            total += r
            done = term or trunc
        self.assertTrue(term)
        self.assertAlmostEqual(total, 1.0 - 0.01 * 3)
        self.assertEqual(env.render(), ".....A")
        env.close()
        env.close()  # twice is fine

    def test_seeding_is_deterministic_and_sessions_are_independent(self):
        a, b = RemoteEnv(self.endpoint, timeout=5), RemoteEnv(self.endpoint, timeout=5)
        oa, _ = a.reset(seed=11)
        ob, _ = b.reset(seed=11)
        np.testing.assert_array_equal(oa, ob)
        a.step(1)
        a.step(1)
        # b's env did not move when a stepped
        self.assertEqual(b.step(0)[4]["position"], max(0, int(np.argmax(ob)) - 1))
        a.close()
        b.close()

    def test_errors_are_replies_and_the_session_continues(self):
        env = RemoteEnv(self.endpoint, timeout=5)
        with self.assertRaises(RemoteError) as ctx:
            env.step(1)
        self.assertEqual(ctx.exception.type, "ResetNeeded")
        env.reset(seed=0)
        with self.assertRaises(RemoteError) as ctx:
            env.step(7)
        self.assertEqual(ctx.exception.type, "InvalidAction")
        self.assertRegex(ctx.exception.message, r"action 7 is not in Discrete\(2\)")
        self.assertEqual(len(env.step(0)), 5)
        env.close()

    def test_malformed_and_out_of_order_messages(self):
        bad = raw_request(self.endpoint, [b"not json"])
        self.assertEqual((bad["id"], bad["error"]["type"]), (None, "BadRequest"))
        bad = raw_request(self.endpoint, encode_message({"id": 1, "method": "fly"}))
        self.assertEqual((bad["id"], bad["error"]["type"]), (1, "UnknownMethod"))
        bad = raw_request(self.endpoint, encode_message({"id": 1, "method": "spec", "v": 99}))
        self.assertEqual(bad["error"]["type"], "UnsupportedVersion")
        ctx = zmq.Context.instance()
        s = ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(self.endpoint)
        replies = []
        for header in ({"id": 5, "method": "spec"}, {"id": 5, "method": "spec"}, {"id": 4, "method": "spec"}):
            s.send_multipart(encode_message(header))
            self.assertTrue(s.poll(3000))
            replies.append(decode_message(s.recv_multipart()))
        s.close()
        self.assertIn("result", replies[0])
        self.assertEqual([r["error"]["type"] for r in replies[1:]], ["OutOfOrder", "OutOfOrder"])

    def test_req_socket_client(self):
        reply = raw_request(self.endpoint, encode_message({"id": 0, "method": "spec"}), zmq.REQ)
        self.assertEqual(reply["result"]["action_space"], {"type": "Discrete", "n": 2, "start": 0})

    def test_oversized_message_gets_an_error(self):
        self.server.max_message_bytes = 1000
        big = np.zeros(2000, dtype=np.uint8)
        reply = raw_request(self.endpoint, encode_message({"id": 0, "method": "step", "params": {"action": big}}))
        self.assertEqual(reply["error"]["type"], "MessageTooLarge")

    def test_timeout_when_the_server_dies(self):
        env = RemoteEnv(self.endpoint, timeout=0.5)
        env.reset(seed=0)
        self.server.close()
        t0 = time.monotonic()
        with self.assertRaises(BridgeTimeout) as ctx:
            env.step(1)
        self.assertLess(time.monotonic() - t0, 2.0)
        self.assertRegex(str(ctx.exception), r"no reply from tcp://127\.0\.0\.1:\d+ to step")
        env.close()  # does not hang either

    def test_refuses_wildcard_binds(self):
        with self.assertRaisesRegex(ValueError, "refusing to bind tcp://\\*:5555"):
            Server(lambda: CorridorEnv(), "tcp://*:5555")
        with self.assertRaisesRegex(ValueError, "refusing to bind tcp://0.0.0.0:5555"):
            Server(lambda: CorridorEnv(), "tcp://0.0.0.0:5555")


class CurveTest(unittest.TestCase):
    def test_allowed_and_rejected_clients(self):
        server_pub, server_sec = zmq.curve_keypair()
        good_pub, good_sec = zmq.curve_keypair()
        curve = {"secret_key": server_sec, "allowed_clients": [good_pub]}
        with Server(lambda: CorridorEnv(), FREE, curve=curve).start() as server:
            env = RemoteEnv(server.endpoint, timeout=3, curve={"server_key": server_pub, "public_key": good_pub, "secret_key": good_sec})
            self.assertEqual(env.reset(seed=1)[0].shape, (8,))
            env.close()
            with self.assertRaises(BridgeTimeout):
                RemoteEnv(server.endpoint, timeout=0.7, curve={"server_key": server_pub})  # unknown key
            with self.assertRaises(BridgeTimeout):
                RemoteEnv(server.endpoint, timeout=0.7)  # no CURVE at all


class CliTest(unittest.TestCase):
    def test_serve_builtin_env(self):
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        proc = subprocess.Popen(
            [sys.executable, "-m", "coordconv_gym", "serve", "--env", "builtin:corridor", "--endpoint", FREE,
             "--env-kwargs", json.dumps({"length": 4})],
            cwd=here, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            line = proc.stdout.readline()
            m = re.search(r" on (\S+) ", line)
            self.assertIsNotNone(m, f"unexpected first line {line!r}; stderr: {proc.stderr.read() if proc.poll() is not None else ''}")
            env = RemoteEnv(m.group(1), timeout=5)
            self.assertEqual(env.observation_space.shape, (4,))
            env.close()
        finally:
            proc.terminate()
            proc.communicate(timeout=5)

    def test_cli_errors_are_clear(self):
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        r = subprocess.run([sys.executable, "-m", "coordconv_gym", "serve", "--env", "builtin:nope"],
                           cwd=here, capture_output=True, text=True, timeout=20)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("unknown built-in env 'nope'", r.stderr)


if __name__ == "__main__":
    unittest.main()
