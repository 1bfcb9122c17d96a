from ideas.models.discussion import Comment, CommentReport
from ideas.models.ideas import Idea, IdeaAttachment, IdeaEvent, IdeaTopic
from ideas.models.support import Support

__all__ = [
    "Comment",
    "CommentReport",
    "Idea",
    "IdeaAttachment",
    "IdeaEvent",
    "IdeaTopic",
    "Support",
]
