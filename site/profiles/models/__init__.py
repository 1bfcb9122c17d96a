"""Who acts on the platform.

The account (`User`) holds only what login needs: an email address. What a person chooses to
show others lives in their `Profile`, under their control. Organizations, registered or not,
act through their members.
"""

from profiles.models.accounts import User, UserManager
from profiles.models.blog import BlogPost, PostReport
from profiles.models.organizations import Invitation, JoinRequest, Membership, Organization
from profiles.models.pages import DirectoryPage
from profiles.models.people import VERIFIED_STATUSES, Profile, Status, Visibility
from profiles.models.privacy import (
    AccountDeletion,
    DataExport,
    NotificationSetting,
    PersonalDataAccess,
)
from profiles.models.statuses import StatusChange, StatusRequest

__all__ = [
    "VERIFIED_STATUSES",
    "AccountDeletion",
    "BlogPost",
    "DataExport",
    "DirectoryPage",
    "Invitation",
    "JoinRequest",
    "Membership",
    "NotificationSetting",
    "Organization",
    "PersonalDataAccess",
    "PostReport",
    "Profile",
    "Status",
    "StatusChange",
    "StatusRequest",
    "User",
    "UserManager",
    "Visibility",
]
