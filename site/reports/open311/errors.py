"""An Open311 refusal: the HTTP status and a description, rendered as the spec's error list
(`[{"code": 400, "description": "…"}]`, `<errors><error>…`) in the request's format."""


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = str(description)


def bad_request(description) -> Open311Error:
    return Open311Error(400, description)


def forbidden(description) -> Open311Error:
    return Open311Error(403, description)


def not_found(description) -> Open311Error:
    return Open311Error(404, description)
