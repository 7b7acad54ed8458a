from .quantity import parse_quantity
