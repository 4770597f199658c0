"""The generated population every Python measurement screens: mostly ordinary names
(Latin, Hangul, Han), a few listed ones, some organisations, and the odd empty cell.
Deterministic, so that the CLI, a single Python process and Spark see the same rows."""

FIRST = [
    "James", "Maria", "Wei", "Min-jun", "Olga", "Ahmed", "Sofia", "Hiroshi", "Fatima",
    "Carlos", "Anna", "Ivan", "Li", "Ji-woo", "Omar", "Elena", "David", "Yuki", "Amir",
    "Grace", "김", "이", "박", "王", "张", "Peter", "Nadia", "Kim", "Jong", "Ali",
]
LAST = [
    "Smith", "Garcia", "Zhang", "Kim", "Ivanova", "Hassan", "Rossi", "Tanaka", "Khan",
    "Lopez", "Novak", "Petrov", "Chen", "Park", "Farouk", "Popescu", "Brown", "Sato",
    "Rahimi", "Lee", "민준", "서연", "지훈", "伟", "芳", "Müller", "Haddad", "Choi", "Un", "Mohammed",
]
ORGS = [
    "Trading Co., Ltd.", "Shipping LLC", "Import Export GmbH", "Holdings Limited",
    "Banking Corporation", "Logistics S.A.", "Industrial Group", "Petroleum Company",
]
LISTED = ["Kim Jong Un", "김정은", "Korea Kwangson Banking Corp", "Islamic Revolutionary Guard Corps"]


SYLLABLES = [
    "ka", "ro", "mi", "den", "sol", "var", "ne", "lu", "tor", "an", "be", "shi", "gor",
    "el", "ta", "vin", "mo", "rek", "sa", "li",
]


def _mix(i: int) -> int:
    """A fixed scramble of ``i``, so neighbouring rows differ in every part."""
    return (i * 2654435761 + 40503) % (1 << 32)


def surname(h: int) -> str:
    """One of 8,000 made-up surnames (three syllables): most rows' names are unique."""
    parts = [SYLLABLES[(h >> s) % len(SYLLABLES)] for s in (0, 5, 10)]
    return "".join(parts).capitalize()


def name(i: int) -> str:
    """Row ``i``'s name; about 1 row in 500 is a listed name, 1 in 1000 empty."""
    if i % 1000 == 999:
        return ""
    if i % 500 == 7:
        return LISTED[(i // 500) % len(LISTED)]
    h = _mix(i)
    first = FIRST[(h >> 15) % len(FIRST)]
    if h % 10 == 3:
        return f"{surname(h)} {ORGS[(h >> 20) % len(ORGS)]}"
    if h % 10 < 3:
        return f"{first} {surname(h)} {LAST[(h >> 22) % len(LAST)]}"
    if h % 10 < 6:
        return f"{first} {LAST[(h >> 22) % len(LAST)]}-{surname(h)}"
    return f"{first} {surname(h)}"


def names(n: int) -> list:
    return [name(i) for i in range(n)]
