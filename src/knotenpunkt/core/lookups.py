"""`in` on an integer column leaves out the numbers the column cannot hold.

Django (since 5.0) answers `exact`, `gt` and `lt` with a number beyond a column's range as
"no such row"; `in` still hands it to the database, so a form's multiple choice posted with
the id 10**30 is an OverflowError (SQLite) or a DataError (PostgreSQL), an error page,
instead of "not a valid choice". Registered on IntegerField, this covers every id and
every ModelMultipleChoiceField at once.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
