"""JSON and XML bodies of the Open311 responses. Both are built from the same plain data (dicts,
lists, str, int, bool, None): JSON as is; XML as the spec's examples have it, a root element
whose children repeat one element per item (`<service_requests><request>…`), dict keys as
child elements, booleans as `true`/`false`, None as an empty element."""

import json
import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse

FORMATS = {"json": "application/json", "xml": "text/xml"}

# The element each list's items take in XML, by the list's own element name.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


# Characters XML 1.0 cannot carry at all (escaping does not help): left out of XML answers.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list | tuple):
        tag = ITEM_TAGS.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, tag), item)
    else:
        element.text = _text(value)


def to_xml(root: str, data) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def render(fmt: str, root: str, data, *, status: int = 200) -> HttpResponse:
    """`data` in `fmt` ("json" or "xml"); `root` names the XML root element (JSON has none)."""
    body = to_json(data) if fmt == "json" else to_xml(root, data)
    response = HttpResponse(body, status=status, content_type=f"{FORMATS[fmt]}; charset=utf-8")
    if status >= 400:
        response["Cache-Control"] = "no-store"
    return response


def render_error(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error list, in the request's format (XML, the spec's own, when the format
    itself was the mistake)."""
    fmt = fmt if fmt in FORMATS else "xml"
    return render(fmt, "errors", [{"code": status, "description": description}], status=status)
