import unittest

import numpy as np

from coordconv_gym.spaces import space_from_json, space_to_json, spaces_module as S, value_from_wire


class SpacesTest(unittest.TestCase):
    def test_round_trip(self):
        cases = [
            {"type": "Discrete", "n": 5, "start": 0},
            {"type": "Discrete", "n": 3, "start": -1},
            {"type": "Box", "low": 0, "high": 1, "shape": [11, 20, 6], "dtype": "float32"},
            {"type": "Box", "low": ["-inf", -1], "high": ["inf", 1], "shape": [2], "dtype": "float64"},
            {"type": "Box", "low": 0, "high": 255, "shape": [4, 4, 3], "dtype": "uint8"},
            {"type": "MultiDiscrete", "nvec": [3, 4]},
            {"type": "MultiDiscrete", "nvec": [3, 4], "start": [0, 1]},
            {
                "type": "Dict",
                "spaces": {
                    "pos": {"type": "Box", "low": -1, "high": 1, "shape": [2], "dtype": "float32"},
                    "t": {"type": "Tuple", "spaces": [{"type": "Discrete", "n": 2, "start": 0}]},
                },
            },
        ]
        for c in cases:
            with self.subTest(c=c):
                space = space_from_json(c)
                self.assertEqual(space_to_json(space), c)
                sample = space.sample()
                self.assertTrue(space.contains(sample))

    def test_narrowing_of_python_only_dtypes(self):
        j = space_to_json(S.Box(-5, 5, (3,), np.int64))
        self.assertEqual(j["dtype"], "int32")
        j = space_to_json(S.Box(0, 1, (2,), np.float16))
        self.assertEqual(j["dtype"], "float32")
        j = space_to_json(S.Box(np.iinfo(np.int64).min, np.iinfo(np.int64).max, (1,), np.int64))
        self.assertEqual((j["low"], j["high"]), (np.iinfo(np.int32).min, np.iinfo(np.int32).max))

    def test_errors_name_the_field(self):
        with self.assertRaisesRegex(ValueError, r"space\.n must be an integer >= 1"):
            space_from_json({"type": "Discrete", "n": 0})
        with self.assertRaisesRegex(ValueError, r"space\.dtype must be one of"):
            space_from_json({"type": "Box", "low": 0, "high": 1, "shape": [1], "dtype": "int64"})
        with self.assertRaisesRegex(ValueError, r"space\.low must be a scalar or a list of 2"):
            space_from_json({"type": "Box", "low": [0], "high": 1, "shape": [2], "dtype": "float32"})
        with self.assertRaisesRegex(ValueError, r"extra keys \['bogus'\]"):
            space_from_json({"type": "Discrete", "n": 2, "bogus": 1})
        with self.assertRaisesRegex(ValueError, r"space\.type must be one of"):
            space_from_json({"type": "Text"})

    def test_values_are_converted_for_the_space(self):
        box = space_from_json({"type": "Box", "low": 0, "high": 9, "shape": [2, 2], "dtype": "int32"})
        v = value_from_wire(box, np.array([1.0, 2.0, 3.0, 4.0]))
        self.assertEqual((v.shape, v.dtype), ((2, 2), np.int32))
        # a fractional value is not truncated into the int space: contains() rejects it
        self.assertFalse(box.contains(value_from_wire(box, [0.5, 1, 2, 3])))
        with self.assertRaisesRegex(ValueError, "4 numbers"):
            value_from_wire(box, [1, 2, 3])
        d = S.Discrete(3)
        self.assertEqual(value_from_wire(d, 2), 2)
        with self.assertRaisesRegex(ValueError, "an integer"):
            value_from_wire(d, True)


if __name__ == "__main__":
    unittest.main()
