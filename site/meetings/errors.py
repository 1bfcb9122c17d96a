"""The one error of the meetings app: something asked of a meeting that cannot be done.
`code` is stable (tests and views branch on it); `message` is for people and translated."""


class MeetingError(Exception):
    def __init__(self, code: str, message=""):
        self.code = code
        self.message = message or code
        super().__init__(str(self.message))
