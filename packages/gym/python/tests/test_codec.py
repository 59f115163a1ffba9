import json
import unittest

import numpy as np

from coordconv_gym.codec import decode_message, encode_message
from coordconv_gym.errors import ProtocolError


def frames(header, *data):
    head = header if isinstance(header, bytes) else json.dumps(header).encode()
    return [head, *data]


class CodecTest(unittest.TestCase):
    def assertProtocolError(self, fn, type_, pattern):
        with self.assertRaises(ProtocolError) as ctx:
            fn()
        self.assertEqual(ctx.exception.type, type_)
        self.assertRegex(ctx.exception.message, pattern)

    def test_round_trip_dtypes_shapes_and_non_finite(self):
        header = {
            "id": 1,
            "obs": np.arange(6, dtype=np.float32).reshape(2, 3),
            "u8": np.array([1, 2, 255], dtype=np.uint8),
            "flags": np.array([True, False]),
            "i64": np.array([-3, 4], dtype=np.int64),
            "big": np.array([2**40], dtype=np.int64),
            "half": np.array([0.5], dtype=np.float16),
            "scalars": [np.int64(3), np.float32(0.25), np.bool_(True), float("-inf"), float("nan")],
            "tuple": (1, "x", None),
        }
        out = encode_message(header)
        self.assertEqual(len(out), 7)
        d = decode_message(out)
        np.testing.assert_array_equal(d["obs"], header["obs"])
        self.assertEqual(d["obs"].dtype, np.float32)
        self.assertEqual(d["u8"].dtype, np.uint8)
        self.assertEqual(d["flags"].dtype, np.bool_)
        self.assertEqual(d["i64"].dtype, np.int32)  # narrowed: the values fit
        self.assertEqual(d["big"].dtype, np.int64)  # kept: 2^40 does not fit int32
        self.assertEqual(d["half"].dtype, np.float32)
        self.assertEqual(d["scalars"][:3], [3, 0.25, True])
        self.assertEqual(d["scalars"][3], float("-inf"))
        self.assertTrue(np.isnan(d["scalars"][4]))
        self.assertEqual(d["tuple"], [1, "x", None])
        d["obs"][0, 0] = 9  # decoded arrays are writable copies

    def test_byte_layout_matches_protocol_example(self):
        obs = np.array([[0, 1, 0], [0.5, 0, 1]], dtype=np.float32)
        out = encode_message({"obs": obs})
        self.assertEqual(out[0], b'{"obs":{"__ndarray__":1,"dtype":"float32","shape":[2,3]}}')
        self.assertEqual(out[1].hex(), "000000000000803f00000000" "0000003f000000000000803f")

    def test_malformed(self):
        four = b"\x00" * 4
        E = self.assertProtocolError
        E(lambda: decode_message([]), "BadRequest", "no frames")
        E(lambda: decode_message([b"\xff\xfe"]), "BadRequest", "UTF-8")
        E(lambda: decode_message([b'{"id": 1,']), "BadRequest", "not valid JSON")
        E(lambda: decode_message([b'{"x": NaN}']), "BadRequest", "not valid JSON")
        E(lambda: decode_message(frames({"a": 1}, four)), "BadRequest", "frame 1 is not referenced")
        E(lambda: decode_message(frames({"a": {"__ndarray__": 2, "dtype": "uint8", "shape": [4]}}, four)), "BadRequest", "does not exist")
        E(lambda: decode_message(frames({"a": {"__ndarray__": True, "dtype": "uint8", "shape": [4]}}, four)), "BadRequest", "frame index")
        E(lambda: decode_message(frames({"a": {"__ndarray__": 1, "dtype": "float16", "shape": [2]}}, four)), "BadRequest", "unknown dtype")
        E(lambda: decode_message(frames({"a": {"__ndarray__": 1, "dtype": "float32", "shape": [3]}}, four)), "BadRequest", "needs 12 bytes, frame has 4")
        E(lambda: decode_message(frames({"a": {"__ndarray__": 1, "dtype": "uint8", "shape": [-4]}}, four)), "BadRequest", "non-negative")
        E(lambda: decode_message(frames({"a": {"__ndarray__": 1, "dtype": "bool", "shape": [4]}}, b"\x00\x01\x02\x00")), "BadRequest", "0 or 1")
        E(lambda: decode_message(frames({"a": {"__float__": "infinity"}})), "BadRequest", "__float__")
        E(lambda: decode_message([b"[" * 100 + b"]" * 100]), "BadRequest", "nested deeper")
        E(lambda: decode_message(frames({}, *([b"\x00"] * 70))), "BadRequest", "70 data frames")
        E(lambda: decode_message(frames({"a": 1}, b"\x00" * 90), max_message_bytes=50), "MessageTooLarge", "exceeds the limit of 50")

    def test_encode_refuses_reserved_keys(self):
        with self.assertRaisesRegex(ValueError, "reserved key"):
            encode_message({"x": {"__float__": "inf"}})


if __name__ == "__main__":
    unittest.main()
