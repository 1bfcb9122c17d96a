from reports.models.categories import Category, CategoryAttribute, Route
from reports.models.keys import Open311Key
from reports.models.reports import Report, ReportPhoto, ReportSupporter, ReportUpdate

__all__ = [
    "Category",
    "CategoryAttribute",
    "Open311Key",
    "Report",
    "ReportPhoto",
    "ReportSupporter",
    "ReportUpdate",
    "Route",
]
