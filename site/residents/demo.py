"""The demo city's residents: associations with full building registers, verified residents in
every district, and the registrar's and the post's work in progress. Three parts, each in its
own module and idempotent: the buildings first (everything else names them), then the
attributes people hold, then what is waiting for a decision."""

from config.demo import Progress
from residents import demo_buildings, demo_people, demo_verification


def seed(*, progress: Progress) -> None:
    demo_buildings.seed(progress=progress)
    demo_people.seed(progress=progress)
    demo_verification.seed(progress=progress)
