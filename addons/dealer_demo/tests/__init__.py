from . import test_demo_story
