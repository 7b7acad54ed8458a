from . import controllers, models, wizards
from .hooks import pre_init_hook
