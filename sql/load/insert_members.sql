INSERT INTO document_members (document_id, ordinal, member_unit_name, member_unit_id)
VALUES ($document_id, $ordinal, $member_unit_name, $member_unit_id);
