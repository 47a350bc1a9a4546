{%- extends 'base.tpl' -%}

{%- block title -%}
Gérer les apprenants
{%- endblock -%}

{%- block sidebar -%}
<li role="presentation"><a href="{{ base_url }}/formgrader/manage_assignments">Gérer les devoirs</a></li>
<li role="presentation"><a href="{{ base_url }}/formgrader/gradebook">Notation manuelle</a></li>
<li role="presentation" class="active"><a href="{{ base_url }}/formgrader/manage_students">Gérer les apprenants</a></li>
{%- endblock -%}
