from . import feed, main
